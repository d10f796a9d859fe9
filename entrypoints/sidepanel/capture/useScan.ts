import { useMutation } from '@tanstack/react-query';
import { useEffect, useState, type Dispatch } from 'react';
import type { CaptureFormAction } from '../../../lib/capture-form/reducer';

const loadScanner = () => import('../../../lib/scan/scan-image');

/** The first picture among what was pasted or dropped. */
function pictureIn(data: DataTransfer | null): File | undefined {
  return [...(data?.files ?? [])].find((file) => file.type.startsWith('image/'));
}

/**
 * "Scan badge or card": a picture (chosen, pasted with Ctrl/Cmd+V anywhere in the panel, dropped
 * on it, or taken with the camera) read on this machine, its fields put in the form as "from
 * badge" or "from card". The scanner's code loads the first time it is used.
 */
export function useScan(dispatch: Dispatch<CaptureFormAction>, enabled: boolean) {
  const [dragging, setDragging] = useState(false);
  const scan = useMutation({
    mutationFn: async (image: Blob) => (await loadScanner()).scanWithSettings(image),
    onMutate: () => dispatch({ type: 'readStarted' }),
    onSuccess: ({ draft, capture, origin }) => dispatch({ type: 'pageRead', draft, capture, origin }),
    onError: (error) => dispatch({ type: 'readFailed', message: error instanceof Error ? error.message : String(error) }),
  });
  const { mutate } = scan;

  useEffect(() => {
    if (!enabled) return;
    const onPaste = (event: ClipboardEvent) => {
      const picture = pictureIn(event.clipboardData);
      if (!picture) return;
      event.preventDefault();
      mutate(picture);
    };
    const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
    const onDragOver = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      setDragging(true);
    };
    const onDragLeave = (event: DragEvent) => {
      if (event.relatedTarget === null) setDragging(false);
    };
    const onDrop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      setDragging(false);
      const picture = pictureIn(event.dataTransfer);
      if (picture) mutate(picture);
      else dispatch({ type: 'readFailed', message: 'That is not a picture: drop a photo or a screenshot of the badge or card.' });
    };
    document.addEventListener('paste', onPaste);
    document.addEventListener('dragover', onDragOver);
    document.addEventListener('dragleave', onDragLeave);
    document.addEventListener('drop', onDrop);
    return () => {
      document.removeEventListener('paste', onPaste);
      document.removeEventListener('dragover', onDragOver);
      document.removeEventListener('dragleave', onDragLeave);
      document.removeEventListener('drop', onDrop);
    };
  }, [enabled, mutate, dispatch]);

  return { scan, dragging, preload: () => void loadScanner().then(({ preloadScanner }) => preloadScanner()) };
}
