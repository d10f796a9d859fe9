// A message from one part of the panel to a sibling (the list asks the form to edit a lead; the
// form tells the list of a lead it saved): one part sends, the others listen.

export function channel<T>(): { send: (value: T) => void; listen: (receive: (value: T) => void) => () => void } {
  const target = new EventTarget();
  return {
    send: (value) => target.dispatchEvent(new CustomEvent<T>('message', { detail: value })),
    listen: (receive) => {
      const listener = (event: Event) => receive((event as CustomEvent<T>).detail);
      target.addEventListener('message', listener);
      return () => target.removeEventListener('message', listener);
    },
  };
}
