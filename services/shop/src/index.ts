export { loadAllServices, loadService, SERVICE_NAMES } from './service-loaders';
