import type { ReviewStatus } from '../../store/index.ts';

export const STATUS_LABEL: Record<ReviewStatus, string> = {
  pending: '待审',
  'in-review': '审核中',
  returned: '退回修改',
  approved: '审核通过',
};

export const STATUSES: ReviewStatus[] = ['pending', 'in-review', 'returned', 'approved'];

export function isStatus(v: unknown): v is ReviewStatus {
  return typeof v === 'string' && (STATUSES as string[]).includes(v);
}

/** 第2稿 */
export function versionLabel(n: number): string {
  return n <= 1 ? '初稿' : `第${n}稿（修改稿）`;
}
