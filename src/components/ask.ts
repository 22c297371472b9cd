/**
 * A question with named answers, in a modal <dialog>: "Reset which cluster?", "Run this block
 * where?". window.confirm only knows OK and Cancel; these questions have two real answers. The
 * dialog is the browser's own (focus kept inside, Escape cancels); the focus goes back where it
 * was, without scrolling the page.
 */

export interface Choice<T> {
  value: T;
  label: string;
  /** The suggested answer: styled as the main button and focused first. */
  primary?: boolean;
}

export interface Question<T> {
  title: string;
  body?: string;
  choices: Choice<T>[];
  /** The label of the button that answers nothing (default "Cancel"). */
  cancel?: string;
}

let counter = 0;

/** Ask, and resolve with the chosen value, or null when the learner cancels. */
export function ask<T>(question: Question<T>): Promise<T | null> {
  const id = `ask-${++counter}`;
  const dialog = document.createElement('dialog');
  dialog.className = 'ask';
  dialog.setAttribute('aria-labelledby', `${id}-title`);
  const title = document.createElement('h2');
  title.id = `${id}-title`;
  title.textContent = question.title;
  dialog.append(title);
  if (question.body) {
    const body = document.createElement('p');
    body.id = `${id}-body`;
    body.textContent = question.body;
    dialog.setAttribute('aria-describedby', body.id);
    dialog.append(body);
  }
  const row = document.createElement('div');
  row.className = 'ask__choices';
  dialog.append(row);
  const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;

  return new Promise<T | null>((resolve) => {
    let answer: T | null = null;
    const button = (label: string, primary: boolean, value: T | null) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = primary ? 'ask__button ask__button--primary' : 'ask__button';
      b.textContent = label;
      b.addEventListener('click', () => {
        answer = value;
        dialog.close();
      });
      row.append(b);
      return b;
    };
    const buttons = question.choices.map((c) => button(c.label, c.primary ?? false, c.value));
    button(question.cancel ?? 'Cancel', false, null);
    dialog.addEventListener('close', () => {
      dialog.remove();
      before?.focus({ preventScroll: true });
      resolve(answer);
    });
    document.body.append(dialog);
    dialog.showModal();
    const first = question.choices.findIndex((c) => c.primary);
    buttons[first >= 0 ? first : 0]?.focus();
  });
}
