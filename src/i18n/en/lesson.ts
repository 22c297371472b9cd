export const lesson = {
  lessonsMenu: 'Lessons',
  time: 'Time',
  aboutMinutes: (minutes: string) => `about ${minutes} min`,
  cluster: 'Cluster',
  readFirst: 'Read first',
  objectives: 'You will be able to',
  pagerLabel: 'Previous and next lesson',
  previous: 'Previous',
  next: 'Next',
  viewSwitchLabel: 'Show the lesson or the terminal',
  viewLesson: 'Lesson',
  viewTerminal: 'Terminal',
  /** Shown on a page in this language whose lesson is written only in the other one. */
  untranslatedTitle: 'This lesson is not yet written in English',
  untranslatedHtml: (href: string) =>
    `What follows is the lesson in its original language. <a href="${href}">Its page in that language</a> has the same exercises, and your progress counts in both.`,
};
