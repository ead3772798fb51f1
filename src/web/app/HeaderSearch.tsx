import { SearchOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Drawer, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { workbenchApi } from '../../contracts/core/workbench.api';
import { defineMessages } from '../shared/i18n';
import { useApiQuery } from '../shared/typedApi';

export const searchMessages = defineMessages('search', {
  placeholder: { zh: '搜索人员、房间、车牌、资产编号、申请号', en: 'Search people, rooms, plates, asset codes, request numbers' },
  open: { zh: '搜索', en: 'Search' },
  none: { zh: '没有找到', en: 'Nothing found' },
  searching: { zh: '正在搜索…', en: 'Searching…' },
});

/** The text is sent once typing pauses, and only as the server takes it (1–50 characters). */
function useDebounced(value: string, ms: number): string {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

/**
 * The header search over what the caller may see: each module's registered records (people,
 * rooms, vehicles by plate, assets by code, requests by number), grouped by kind, a few per
 * kind; arrow keys and Enter pick a hit and open it. On a phone an icon opens it full width.
 */
export function HeaderSearch({ mobile }: { mobile: boolean }) {
  const t = searchMessages.useT();
  const nav = useNavigate();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const q = useDebounced(text.trim(), 250);
  const enabled = q.length >= 1 && q.length <= 50;
  const result = useApiQuery(workbenchApi.search, { query: { q } }, { enabled, retry: false, staleTime: 10_000 });
  const options = enabled
    ? (result.data?.groups ?? []).map((g) => ({
        label: <Typography.Text type="secondary">{g.label}</Typography.Text>,
        options: g.hits.map((h) => ({
          value: h.link,
          label: (
            <div data-testid="search-hit">
              <div style={{ whiteSpace: 'normal' }}>{h.title}</div>
              {h.description ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {h.description}
                </Typography.Text>
              ) : null}
            </div>
          ),
        })),
      }))
    : [];
  const notFound = !enabled ? null : result.isFetching ? t('searching') : t('none');
  const box = (
    <AutoComplete
      value={text}
      options={options}
      onChange={setText}
      onSelect={(link: string) => {
        setText('');
        setOpen(false);
        nav(link);
      }}
      defaultActiveFirstOption
      notFoundContent={notFound}
      classNames={{ popup: { root: 'hq-search-popup' } }}
      popupMatchSelectWidth={mobile ? true : 360}
      className="hq-header-search"
      style={{ width: mobile ? '100%' : 260 }}
      data-testid="header-search"
    >
      <Input
        allowClear
        autoFocus={mobile}
        maxLength={50}
        prefix={<SearchOutlined />}
        placeholder={t('placeholder')}
        aria-label={t('open')}
        data-testid="header-search-input"
      />
    </AutoComplete>
  );
  if (!mobile) return box;
  return (
    <>
      <Button type="text" icon={<SearchOutlined />} onClick={() => setOpen(true)} aria-label={t('open')} data-testid="header-search-open" />
      <Drawer placement="top" open={open} onClose={() => setOpen(false)} size={140} title={t('open')} destroyOnHidden>
        {box}
      </Drawer>
    </>
  );
}
