import { runService } from '@shopmesh/platform/dapr';
import { cartService } from './service';

void runService(cartService, process.env);
