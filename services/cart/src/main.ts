import { runService } from '@shopmesh/platform';
import { cartService } from './service';

void runService(cartService, process.env);
