import { runService } from '@shopmesh/platform/dapr';
import { identityService } from './service';

void runService(identityService, process.env);
