import { runService } from '@shopmesh/platform';
import { catalogService } from './service';

void runService(catalogService, process.env);
