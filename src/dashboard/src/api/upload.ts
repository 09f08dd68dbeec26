import { apiErrorFrom, networkError } from './client';

type UploadOptions = {
  method: 'POST' | 'PUT';
  path: string;
  form: FormData;
  /** 0–100, as the browser sends the body. */
  onProgress?: (percent: number) => void;
  signal?: AbortSignal;
};

function parse(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A multipart request through XMLHttpRequest, because fetch cannot report how much
 * of the body was sent. Errors are the same ApiError as every other request.
 */
export function uploadForm<T>({ method, path, form, onProgress, signal }: UploadOptions) {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, path);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.withCredentials = true;
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) {
        onProgress?.(Math.round((event.loaded / event.total) * 100));
      }
    };
    xhr.onload = () => {
      const data = parse(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) resolve(data as T);
      else reject(apiErrorFrom(xhr.status, data));
    };
    xhr.onerror = () => reject(networkError());
    xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}
