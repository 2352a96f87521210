export { allServices } from './services';
