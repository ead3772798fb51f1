import { POST_LEVELS } from '../../../contracts/core/people';
import { defineMessages } from '../../shared/i18n';

/**
 * The post levels (职务级别, codes of the national standard the people register uses) and their
 * names. Every page that shows a person's level shows the name, never the code: modules use
 * `usePostLevel()`.
 */
export const postLevelMessages = defineMessages('postLevel', {
  '101': { zh: '国家级正职', en: 'State, principal' },
  '102': { zh: '国家级副职', en: 'State, deputy' },
  '111': { zh: '省部级正职', en: 'Provincial, principal' },
  '112': { zh: '省部级副职', en: 'Provincial, deputy' },
  '121': { zh: '厅局级正职', en: 'Bureau, principal' },
  '122': { zh: '厅局级副职', en: 'Bureau, deputy' },
  '131': { zh: '县处级正职', en: 'County/division, principal' },
  '132': { zh: '县处级副职', en: 'County/division, deputy' },
  '141': { zh: '乡科级正职', en: 'Section, principal' },
  '142': { zh: '乡科级副职', en: 'Section, deputy' },
  '150': { zh: '科员级', en: 'Section member' },
  '160': { zh: '办事员级', en: 'Clerk' },
  '199': { zh: '未定职公务员', en: 'No post yet' },
  '201': { zh: '职员 201', en: 'Staff grade 201' },
  '202': { zh: '职员 202', en: 'Staff grade 202' },
  '203': { zh: '职员 203', en: 'Staff grade 203' },
  '204': { zh: '职员 204', en: 'Staff grade 204' },
  '205': { zh: '职员 205', en: 'Staff grade 205' },
  '206': { zh: '职员 206', en: 'Staff grade 206' },
  '207': { zh: '职员 207', en: 'Staff grade 207' },
  '208': { zh: '职员 208', en: 'Staff grade 208' },
});

/** A post-level code the server sends, as the key of its label. */
export type PostLevel = Parameters<typeof postLevelMessages.t>[0];

const isPostLevel = (code: string): code is PostLevel => (POST_LEVELS as readonly string[]).includes(code);

/** The name of a post level in the user's language ('—' for none; an unknown code stays as sent). */
export function usePostLevel(): (code: string | null | undefined) => string {
  const t = postLevelMessages.useT();
  return (code) => (!code ? '—' : isPostLevel(code) ? t(code) : code);
}
