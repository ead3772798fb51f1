import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Empty, List, Upload, type UploadFile, message } from 'antd';
import { useState } from 'react';
import { filesApi } from '../../../contracts/core/files.api';
import { ApiError } from '../api';
import { defineMessages } from '../i18n';
import { call, upload, urlOf } from '../typedApi';
import { fmtDay } from '../dates';

export const filesMessages = defineMessages('files', {
  upload: { zh: '上传附件', en: 'Upload files' },
  none: { zh: '暂无附件', en: 'No files' },
  uploaded: { zh: '已上传', en: 'Uploaded' },
});

const errText = (e: unknown) => (e instanceof ApiError ? e.message : String(e));
const kb = (n: number) => (n < 1024 * 1024 ? `${Math.max(1, Math.round(n / 1024))} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

/**
 * Uploads drafts (files with an owner type and no owner yet); the form submits their ids and
 * the server binds them to the record it creates. A form item: `value` is the list of ids.
 */
export function DraftUpload(props: {
  ownerType: string;
  value?: string[];
  onChange?: (ids: string[]) => void;
  label?: string;
  accept?: string;
  testId?: string;
}) {
  const t = filesMessages.useT();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const sync = (list: UploadFile[]) => {
    setFiles(list);
    props.onChange?.(list.filter((f) => f.status === 'done' && f.response).map((f) => (f.response as { id: string }).id));
  };
  return (
    <div data-testid={props.testId}>
      <Upload
        multiple
        accept={props.accept}
        fileList={files}
        customRequest={({ file, onSuccess, onError }) => {
          upload(filesApi.upload, { file: file as File, fields: { ownerType: props.ownerType } })
            .then((r) => onSuccess?.(r))
            .catch((e) => {
              message.error(errText(e));
              onError?.(e as Error);
            });
        }}
        onChange={({ fileList }) => sync(fileList)}
      >
        <Button icon={<UploadOutlined />}>{props.label ?? t('upload')}</Button>
      </Upload>
    </div>
  );
}

/** The files of one record, to open or download; with `canUpload`, new files attach directly. */
export function FileList(props: { ownerType: string; ownerId: number | string; canUpload?: boolean; testId?: string }) {
  const t = filesMessages.useT();
  const qc = useQueryClient();
  // Keyed by owner (not by route input) so a module can refresh one owner type's files: ['files', ownerType].
  const key = ['files', props.ownerType, String(props.ownerId)];
  const q = useQuery({
    queryKey: key,
    queryFn: () => call(filesApi.list, { query: { ownerType: props.ownerType, ownerId: String(props.ownerId) } }).then((r) => r.items),
  });
  const [busy, setBusy] = useState(false);
  return (
    <div data-testid={props.testId}>
      {props.canUpload ? (
        <Upload
          showUploadList={false}
          beforeUpload={(file) => {
            setBusy(true);
            upload(filesApi.upload, { file, fields: { ownerType: props.ownerType, ownerId: String(props.ownerId) } })
              .then(() => {
                message.success(t('uploaded'));
                qc.invalidateQueries({ queryKey: key });
              })
              .catch((e) => message.error(errText(e)))
              .finally(() => setBusy(false));
            return false;
          }}
        >
          <Button size="small" icon={<UploadOutlined />} loading={busy} style={{ marginBottom: 8 }}>
            {t('upload')}
          </Button>
        </Upload>
      ) : null}
      {q.data && !q.data.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('none')} />
      ) : (
        <List
          size="small"
          loading={q.isLoading}
          dataSource={q.data ?? []}
          renderItem={(f) => (
            <List.Item data-testid={`file-${f.id}`}>
              <span>
                <PaperClipOutlined />{' '}
                <a href={urlOf(filesApi.get, { params: { id: f.id } })} target="_blank" rel="noreferrer">
                  {f.filename}
                </a>
              </span>
              <span style={{ color: '#888' }}>
                {kb(f.size)} · {fmtDay(f.createdAt)}
              </span>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
