import { Spin } from 'antd';

/**
 * A page's or the app's spinner. In a file of its own (re-exported by `states`) because the
 * sign-in page shows it before anything else: `states` carries antd's Result and Empty, which
 * the sign-in page does not need (issue #16, first load).
 */
export function Loading() {
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin />
    </div>
  );
}
