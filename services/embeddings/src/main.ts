import { runService } from '@shopmesh/platform/dapr';
import { embeddingsService } from './service';

void runService(embeddingsService, process.env);
