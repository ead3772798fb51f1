import { type ComponentType, type ReactNode, lazy } from 'react';
import type { RouteObject } from 'react-router-dom';
import { defineMessages } from './i18n';

/** One entry of the side menu: a page (path) or a group (children), shown when the user holds `permission` (any of a list). */
export type MenuEntry = {
  key: string;
  labelKey: string;
  icon?: ReactNode;
  path?: string;
  permission?: string | string[];
  children?: MenuEntry[];
};

/** A page's short help (what it is for, the rule behind it), both languages: the ? beside its title. */
export type PageHelp = { zh: string; en: string };

/**
 * A page of the signed-in app: a react-router route plus who may open it and its help.
 * `permission` (any of a list) is checked by the app's route guard: a caller without it sees
 * the no-permission page instead of the page's filters and buttons. Without one, the guard
 * uses the permission of the menu entry with the same path; a page every signed-in user may
 * open says `permission: null`. `help` is required: `tests/unit/page-help.test.ts` checks
 * every route has it in both languages.
 */
export type WebRoute = Omit<RouteObject, 'children' | 'index' | 'path'> & {
  path: string;
  permission?: string | string[] | null;
  help: PageHelp;
};

/**
 * What a domain adds to the web app, declared in one file (`src/web/modules/<m>/module.tsx`)
 * and listed once in `src/web/app/modules.ts`. The app builds its router and its menu from
 * the list; the core's own pages stay in src/web/app.
 */
export type WebModule = {
  name: string;
  /** Menu labels (and any other text the declaration uses), zh-CN and en, same keys. */
  labels?: { zh: Record<string, string>; en: Record<string, string> };
  /** Pages inside the signed-in layout, paths relative to '/' (use `lazyPage` so each page loads on demand), with their permission and help. */
  routes?: WebRoute[];
  /** Pages outside the sign-in gate (e.g. /public/procurement), absolute paths. */
  publicRoutes?: RouteObject[];
  /** The module's top-level menu entries (usually one group), in menu order. */
  menu?: MenuEntry[];
  /** Entries this module adds to another module's group: before the entry keyed `before`, else at the group's end. */
  menuItems?: { group: string; before?: string; items: MenuEntry[] }[];
};

/** Declares a web module; its labels become translatable when the declaration is loaded. */
export function defineWebModule(m: WebModule): WebModule {
  if (m.labels) defineMessages(m.labels.zh, m.labels.en as { [k: string]: string });
  return m;
}

/** A page loaded on first visit: `lazyPage(() => import('./CostsPage'), 'CostsPage')`. */
export const lazyPage = <T extends Record<string, unknown>>(loader: () => Promise<T>, name: keyof T) =>
  lazy(async () => ({ default: (await loader())[name] as ComponentType }));

/** The menu entries of the modules, in list order, with the entries modules add to each other's groups. */
export function moduleMenu(modules: readonly WebModule[]): MenuEntry[] {
  const entries: MenuEntry[] = modules.flatMap((m) => (m.menu ?? []).map((e) => ({ ...e, children: e.children && [...e.children] })));
  for (const m of modules)
    for (const add of m.menuItems ?? []) {
      const group = entries.find((e) => e.key === add.group);
      if (!group?.children) throw new Error(`web module ${m.name}: no menu group ${add.group}`);
      const at = add.before ? group.children.findIndex((e) => e.key === add.before) : -1;
      group.children.splice(at < 0 ? group.children.length : at, 0, ...add.items);
    }
  return entries;
}
