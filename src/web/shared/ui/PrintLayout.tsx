import { PrinterOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import type { ReactNode } from 'react';
import { defineMessages, useT } from '../i18n';

defineMessages(
  {
    'print.print': '打印 / 存为 PDF',
    'print.handler': '经办人',
    'print.reviewer': '审核人',
    'print.head': '负责人',
    'print.seal': '（盖章）',
    'print.date': '年　　月　　日',
  },
  {
    'print.print': 'Print / save as PDF',
    'print.handler': 'Prepared by',
    'print.reviewer': 'Reviewed by',
    'print.head': 'Approved by',
    'print.seal': '(seal)',
    'print.date': 'Date: ____ / __ / __',
  },
);

/**
 * An A4 page in official-document style (红头): issuing body in red above a red rule, the
 * document title, the body, then signature and seal blocks. The app chrome is hidden when
 * printing (see the @media print rules in app.css), so any form prints as signed on paper.
 */
export function PrintLayout(props: { issuer: string; title: string; docNo?: string; children: ReactNode; signatures?: boolean }) {
  const t = useT();
  return (
    <div>
      <div className="hq-no-print" style={{ marginBottom: 12 }}>
        <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print-button">
          {t('print.print')}
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
            <div>{t('print.handler')}：__________</div>
            <div>{t('print.reviewer')}：__________</div>
            <div>{t('print.head')}：__________</div>
            <div className="hq-seal">
              {t('print.seal')}
              <br />
              {t('print.date')}
            </div>
          </div>
        ) : null}
      </div>
    </div>
  );
}
