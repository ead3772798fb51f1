import type { ReactNode } from 'react';
import { useAuth } from '../core/auth/auth';
import type { PageHelp } from '../shared/module';
import { PageHelpButton, PageHelpContext } from '../shared/ui/PageHelp';
import { ForbiddenPage } from '../shared/ui/states';

/**
 * Every signed-in page is drawn inside this frame: a caller without the route's permission
 * (a typed or an old link) sees the no-permission page, not the page's filters and buttons
 * over an empty list; everyone else gets the page with its help (the ? beside the title that
 * PageHeader draws, or at the top right for a page without a PageHeader). The server still
 * refuses what the caller may not do: this only spares them a page that cannot work.
 */
export function RouteFrame({ permission, help, children }: { permission: string | string[] | null; help: PageHelp; children: ReactNode }) {
  const { hasPermission } = useAuth();
  if (permission && !hasPermission(permission)) {
    return (
      <div className="hq-route">
        <ForbiddenPage />
      </div>
    );
  }
  return (
    <PageHelpContext.Provider value={help}>
      <div className="hq-route">
        <div className="hq-help-fallback">
          <PageHelpButton />
        </div>
        {children}
      </div>
    </PageHelpContext.Provider>
  );
}
