import { runService } from '@shopmesh/platform/dapr';
import { catalogService } from './service';

void runService(catalogService, process.env);
