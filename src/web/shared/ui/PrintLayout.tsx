import { PrinterOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import type { ReactNode } from 'react';
import { defineMessages } from '../i18n';

export const printMessages = defineMessages('print', {
  print: { zh: '打印 / 存为 PDF', en: 'Print / save as PDF' },
  handler: { zh: '经办人', en: 'Prepared by' },
  reviewer: { zh: '审核人', en: 'Reviewed by' },
  head: { zh: '负责人', en: 'Approved by' },
  seal: { zh: '（盖章）', en: '(seal)' },
  date: { zh: '年　　月　　日', en: 'Date: ____ / __ / __' },
});

/**
 * An A4 page in official-document style (红头): issuing body in red above a red rule, the
 * document title, the body, then signature and seal blocks. The app chrome is hidden when
 * printing (see the @media print rules in app.css), so any form prints as signed on paper.
 */
export function PrintLayout(props: { issuer: string; title: string; docNo?: string; children: ReactNode; signatures?: boolean }) {
  const t = printMessages.useT();
  return (
    <div>
      <div className="hq-no-print" style={{ marginBottom: 12 }}>
        <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print-button">
          {t('print')}
        </Button>
      </div>
      <div className="hq-a4">
        <div className="hq-redhead">{props.issuer}</div>
        {props.docNo ? <div className="hq-docno">{props.docNo}</div> : null}
        <div className="hq-redline" />
        <h1 className="hq-doctitle">{props.title}</h1>
        <div className="hq-docbody">{props.children}</div>
        {props.signatures !== false ? (
          <div className="hq-signs">
            <div>{t('handler')}：__________</div>
            <div>{t('reviewer')}：__________</div>
            <div>{t('head')}：__________</div>
            <div className="hq-seal">
              {t('seal')}
              <br />
              {t('date')}
            </div>
          </div>
        ) : null}
      </div>
    </div>
  );
}
