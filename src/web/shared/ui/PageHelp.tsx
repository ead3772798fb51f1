import { QuestionCircleOutlined } from '@ant-design/icons';
import { Button, Popover, Typography } from 'antd';
import { createContext, useContext } from 'react';
import { defineMessages, useLocale } from '../i18n';
import type { PageHelp } from '../module';

const helpMessages = defineMessages('pageHelp', {
  open: { zh: '本页说明', en: 'About this page' },
});

/** The help of the page on screen, provided by the app's route frame from the route's `help`. */
export const PageHelpContext = createContext<PageHelp | null>(null);

/**
 * The ? beside a page's title: what the page is for and the rule behind it, in the reader's
 * language. `PageHeader` shows it; the route frame shows it above pages without one.
 */
export function PageHelpButton({ help }: { help?: PageHelp | null }) {
  const t = helpMessages.useT();
  const { locale } = useLocale();
  const fromRoute = useContext(PageHelpContext);
  const h = help ?? fromRoute;
  if (!h) return null;
  const text = locale === 'en' ? h.en : h.zh;
  return (
    <Popover
      trigger="click"
      placement="bottomLeft"
      title={t('open')}
      content={
        <div style={{ maxWidth: 360 }} data-testid="page-help-text">
          {text.split('\n').map((p) => (
            <Typography.Paragraph key={p} style={{ marginBottom: 8 }}>
              {p}
            </Typography.Paragraph>
          ))}
        </div>
      }
    >
      <Button
        type="text"
        size="small"
        className="hq-no-print"
        icon={<QuestionCircleOutlined />}
        aria-label={t('open')}
        data-testid="page-help"
      />
    </Popover>
  );
}
