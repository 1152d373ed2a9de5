/** The content directory the site is built from: `content/`, or MXSTATUS_CONTENT (tests, previews). */
export const contentDir = process.env.MXSTATUS_CONTENT ?? 'content';
