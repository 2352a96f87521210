import { runService } from '@shopmesh/platform';
import { identityService } from './service';

void runService(identityService, process.env);
