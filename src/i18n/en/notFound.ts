export const notFound = {
  title: 'Page not found',
  description: 'This page does not exist in k8s-netlab.',
  leadHtml:
    '<code>404 Not Found</code>: like a Service with no endpoints, this address leads nowhere. The page may have moved, or the link may be mistyped.',
  homeHtml: (href: string) => `<a href="${href}">Go to the home page</a> and pick a lesson from the list,`,
  searchHtml: 'or press <kbd>Ctrl</kbd> <kbd>K</kbd> (<kbd>⌘</kbd> <kbd>K</kbd> on a Mac) to search the course.',
};
