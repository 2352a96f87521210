import { runService } from '@shopmesh/platform/dapr';
import { notificationsService } from './service';

void runService(notificationsService, process.env);
