import type { notFound as En } from '../en/notFound';

export const notFound: typeof En = {
  title: '페이지를 찾을 수 없다',
  description: 'k8s-netlab에 없는 페이지다.',
  leadHtml:
    '<code>404 Not Found</code>: 엔드포인트가 없는 서비스처럼, 이 주소는 어디로도 이어지지 않는다. 페이지가 옮겨졌거나 링크가 잘못 적혔을 수 있다.',
  homeHtml: (href: string) => `<a href="${href}">홈으로 가서</a> 목록에서 레슨을 고르거나,`,
  searchHtml: '<kbd>Ctrl</kbd> <kbd>K</kbd>(Mac에서는 <kbd>⌘</kbd> <kbd>K</kbd>)를 눌러 코스를 검색한다.',
};
