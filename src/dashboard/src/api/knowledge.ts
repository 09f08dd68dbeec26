import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { useCompanyId } from './company-scope';
import { companyKeys } from './keys';
import type { KnowledgeCategory, KnowledgeDocument, KnowledgeSearchResponse } from './types';
import { uploadForm } from './upload';

const base = '/api/company/knowledge';
/** How often a list with a document still processing asks for its progress. */
export const PROCESSING_POLL_MS = 1500;

export function useKnowledgeCategories() {
  const companyId = useCompanyId();
  return useQuery({
    queryKey: companyKeys.knowledgeCategories(companyId),
    queryFn: ({ signal }) =>
      api.get<{ categories: KnowledgeCategory[] }>(`${base}/categories`, undefined, signal),
    select: (data) => data.categories,
  });
}

/** Categories and documents both change with any write: counts follow the documents. */
function useInvalidateKnowledge() {
  const companyId = useCompanyId();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: companyKeys.knowledge(companyId) });
}

export type CategoryInput = { name: string; description?: string };

export function useCreateCategory() {
  const invalidate = useInvalidateKnowledge();
  return useMutation({
    mutationFn: (input: CategoryInput) =>
      api.post<{ category: KnowledgeCategory }>(`${base}/categories`, input),
    onSuccess: invalidate,
  });
}

export function useUpdateCategory() {
  const invalidate = useInvalidateKnowledge();
  return useMutation({
    mutationFn: ({ id, ...input }: CategoryInput & { id: string }) =>
      api.patch<{ category: KnowledgeCategory }>(`${base}/categories/${id}`, input),
    onSuccess: invalidate,
  });
}

export function useDeleteCategory() {
  const invalidate = useInvalidateKnowledge();
  return useMutation({
    mutationFn: (id: string) => api.delete(`${base}/categories/${id}`),
    onSuccess: invalidate,
  });
}

export function useKnowledgeDocuments(categoryId: string | null) {
  const companyId = useCompanyId();
  return useQuery({
    queryKey: companyKeys.knowledgeDocuments(companyId, categoryId ?? ''),
    queryFn: ({ signal }) =>
      api.get<{ documents: KnowledgeDocument[] }>(
        `${base}/documents`,
        { categoryId: categoryId ?? undefined },
        signal,
      ),
    select: (data) => data.documents,
    enabled: categoryId !== null,
    refetchInterval: (query) =>
      query.state.data?.documents.some((d) => d.status === 'processing')
        ? PROCESSING_POLL_MS
        : false,
  });
}

export function useKnowledgeDocumentText(id: string | null) {
  const companyId = useCompanyId();
  return useQuery({
    queryKey: companyKeys.knowledgeDocument(companyId, id ?? ''),
    queryFn: ({ signal }) =>
      api.get<{ document: KnowledgeDocument; text: string }>(
        `${base}/documents/${id}`,
        undefined,
        signal,
      ),
    enabled: id !== null,
    staleTime: 0,
  });
}

type DocumentResponse = { document: KnowledgeDocument };

export type TextDocumentInput = { categoryId: string; title: string; content: string };

export function useAddTextDocument() {
  const invalidate = useInvalidateKnowledge();
  return useMutation({
    mutationFn: (input: TextDocumentInput) =>
      api.post<DocumentResponse>(`${base}/documents`, input),
    onSuccess: invalidate,
  });
}

export function useReplaceTextDocument() {
  const invalidate = useInvalidateKnowledge();
  return useMutation({
    mutationFn: ({ id, ...input }: { id: string; title?: string; content: string }) =>
      api.put<DocumentResponse>(`${base}/documents/${id}`, input),
    onSuccess: invalidate,
  });
}

export type FileUploadInput = {
  file: File;
  /** Where a new document goes; */
  categoryId?: string;
  /** or the document this file replaces. */
  replaceId?: string;
  title?: string;
  onProgress: (percent: number) => void;
  signal?: AbortSignal;
};

export function useUploadDocument() {
  const invalidate = useInvalidateKnowledge();
  return useMutation({
    mutationFn: ({ file, categoryId, replaceId, title, onProgress, signal }: FileUploadInput) => {
      const form = new FormData();
      // Text fields first: a streaming multipart parser sees them before the file.
      if (categoryId) form.append('categoryId', categoryId);
      if (title) form.append('title', title);
      form.append('file', file, file.name);
      return uploadForm<DocumentResponse>({
        method: replaceId ? 'PUT' : 'POST',
        path: replaceId ? `${base}/documents/${replaceId}/upload` : `${base}/documents/upload`,
        form,
        onProgress,
        signal,
      });
    },
    onSuccess: invalidate,
  });
}

export function useDeleteDocument() {
  const invalidate = useInvalidateKnowledge();
  return useMutation({
    mutationFn: (id: string) => api.delete(`${base}/documents/${id}`),
    onSuccess: invalidate,
  });
}

export type KnowledgeSearchInput = { query: string; chatbotId?: string; limit?: number };

export function useKnowledgeSearch() {
  return useMutation({
    mutationFn: (input: KnowledgeSearchInput) =>
      api.post<KnowledgeSearchResponse>(`${base}/search`, input),
  });
}

export function useChatbotKnowledgeCategories(chatbotId: string) {
  const companyId = useCompanyId();
  return useQuery({
    queryKey: companyKeys.chatbotKnowledgeCategories(companyId, chatbotId),
    queryFn: ({ signal }) =>
      api.get<{ categoryIds: string[] }>(
        `/api/company/chatbots/${chatbotId}/knowledge-categories`,
        undefined,
        signal,
      ),
    select: (data) => data.categoryIds,
  });
}

export function useSetChatbotKnowledgeCategories(chatbotId: string) {
  const companyId = useCompanyId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (categoryIds: string[]) =>
      api.put<{ categoryIds: string[] }>(
        `/api/company/chatbots/${chatbotId}/knowledge-categories`,
        { categoryIds },
      ),
    onSuccess: (data) =>
      queryClient.setQueryData(companyKeys.chatbotKnowledgeCategories(companyId, chatbotId), data),
  });
}
