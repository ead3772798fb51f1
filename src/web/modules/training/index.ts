/** Nothing of this module is shared with other web modules; the declaration is in module.tsx. */
export { trainingWebModule } from './module';
