// Every page of a list endpoint, following GitHub's Link header (rel="next").
export interface PageResponse<T> {
  data: T[];
  headers: { link?: string | undefined };
}

export const PER_PAGE = 100;

export async function allPages<T>(fetchPage: (page: number) => Promise<PageResponse<T>>): Promise<T[]> {
  const items: T[] = [];
  // A hard stop: 100 pages of 100 is far past any repository the gardener should manage.
  for (let page = 1; page <= 100; page++) {
    const response = await fetchPage(page);
    items.push(...response.data);
    if (!/rel="next"/.test(response.headers.link ?? '')) break;
  }
  return items;
}
