import { runService } from '@shopmesh/platform';
import { notificationsService } from './service';

void runService(notificationsService, process.env);
