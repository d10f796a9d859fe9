import { useQuery } from '@tanstack/react-query';
import { captureShortcut } from '../../../lib/capture/command';

/** The keys that capture from a page, as the browser has them ('' when none is set; undefined until read). */
export function useCaptureShortcut(): string | undefined {
  return useQuery({ queryKey: ['captureShortcut'], queryFn: captureShortcut }).data;
}
