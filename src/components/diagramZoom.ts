/**
 * A diagram full screen, to pan and zoom: on a phone a drawn flowchart's labels are a few pixels
 * high. The drawing is copied into a modal <dialog> the size of the window; @panzoom/panzoom (loaded
 * only when a diagram is opened) moves it with a finger or the mouse, pinches and wheels zoom, and
 * the buttons zoom for everyone else. Escape or Close returns to the page.
 */
import type { PanzoomObject } from '@panzoom/panzoom';
import { diagramWords } from './diagramWords';

function button(label: string, name: string): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'diagram-dialog__button';
  b.textContent = label;
  b.setAttribute('aria-label', name);
  b.title = name;
  return b;
}

/** Open the SVG of `figure` full screen. */
export async function openDiagram(figure: HTMLElement, opener: HTMLElement): Promise<void> {
  const source = figure.querySelector<SVGSVGElement>('.mermaid-canvas svg');
  if (!source) return;
  const { default: Panzoom } = await import('@panzoom/panzoom');
  const dialog = document.createElement('dialog');
  dialog.className = 'diagram-dialog';
  const words = diagramWords();
  const label = figure.querySelector('.mermaid-canvas svg')?.getAttribute('aria-roledescription') ?? words.genericKind;
  dialog.setAttribute('aria-label', words.dialogLabel.replace('{kind}', label));

  const bar = document.createElement('div');
  bar.className = 'diagram-dialog__bar';
  const zoomIn = button('+', words.zoomIn);
  const zoomOut = button('−', words.zoomOut);
  const reset = button(words.fit, words.fitLabel);
  const close = button(words.close, words.closeLabel);
  bar.append(zoomOut, zoomIn, reset, close);

  const stage = document.createElement('div');
  stage.className = 'diagram-dialog__stage';
  const svg = source.cloneNode(true) as SVGSVGElement;
  // The copy keeps the drawing's ids (its styles are scoped by them); it lives only while open.
  svg.removeAttribute('style');
  svg.setAttribute('width', '100%');
  svg.setAttribute('height', '100%');
  svg.classList.add('diagram-dialog__svg');
  stage.append(svg);
  dialog.append(bar, stage);
  document.body.append(dialog);
  dialog.showModal();

  const panzoom: PanzoomObject = Panzoom(svg, { maxScale: 8, minScale: 0.5, step: 0.4, cursor: 'grab' });
  stage.addEventListener('wheel', (ev) => panzoom.zoomWithWheel(ev));
  zoomIn.addEventListener('click', () => panzoom.zoomIn());
  zoomOut.addEventListener('click', () => panzoom.zoomOut());
  reset.addEventListener('click', () => panzoom.reset());
  close.addEventListener('click', () => dialog.close());
  dialog.addEventListener('keydown', (ev) => {
    if (ev.key === '+' || ev.key === '=') panzoom.zoomIn();
    else if (ev.key === '-') panzoom.zoomOut();
    else if (ev.key === '0') panzoom.reset();
    else return;
    ev.preventDefault();
  });
  dialog.addEventListener('close', () => {
    panzoom.destroy();
    dialog.remove();
    opener.focus({ preventScroll: true });
  });
  close.focus();
}
