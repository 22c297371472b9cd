import type { diagram as En } from '../en/diagram';

export const diagram: typeof En = {
  fullScreen: '전체 화면',
  fullScreenLabel: '다이어그램 전체 화면 보기: 끌어서 옮기고 확대한다',
  source: '다이어그램 소스',
  failed: '이 다이어그램을 그리지 못했다. 아래에 소스를 보인다.',
  dialogLabel: (kind: string) => `${kind} 전체 화면: 끌어서 옮기고, 두 손가락이나 버튼으로 확대한다`,
  genericKind: '다이어그램',
  zoomIn: '확대',
  zoomOut: '축소',
  fit: '맞춤',
  fitLabel: '화면에 맞추기',
  close: '닫기',
  closeLabel: '전체 화면 다이어그램 닫기',
};
