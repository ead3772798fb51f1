/**
 * What other web modules may use from meetings (nothing yet: the service orders and training
 * lodging pages to come would pick rooms here). Anything else in this folder is private to it.
 */
export { meetingsWebModule } from './module';
