export {
  defineModule,
  installModules,
  registerModuleRoutes,
  type ModuleDefinition,
  type ModuleDemoAccount,
  type ModuleDemoContext,
} from './module';
