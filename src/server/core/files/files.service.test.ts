import { describe, expect, it } from 'vitest';
import { type AttachmentOwner, attachmentOwnerTypes, registerAttachmentOwner } from './files.service';

describe('attachment owner registration', () => {
  const check = async () => true;
  it('refuses an owner type without both scope checks', () => {
    expect(() => registerAttachmentOwner('no_attach', { canView: check } as unknown as AttachmentOwner)).toThrow(/canAttach/);
    expect(() => registerAttachmentOwner('no_view', { canAttach: check } as unknown as AttachmentOwner)).toThrow(/canView/);
    expect(attachmentOwnerTypes()).not.toContain('no_attach');
    expect(attachmentOwnerTypes()).not.toContain('no_view');
  });
  it('refuses a second, different owner under a registered type', () => {
    const owner: AttachmentOwner = { canView: check, canAttach: check };
    registerAttachmentOwner('unit_test_owner', owner);
    registerAttachmentOwner('unit_test_owner', owner); // the same declaration again (a second app): fine
    expect(() => registerAttachmentOwner('unit_test_owner', { canView: check, canAttach: check })).toThrow(/twice/);
  });
});
