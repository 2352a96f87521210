import { runService } from '@shopmesh/platform';
import { embeddingsService } from './service';

void runService(embeddingsService, process.env);
