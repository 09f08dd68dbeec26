// Class fragments shared by several primitives so focus and field styling stay identical.

export const focusRing =
  'outline-none focus-visible:ring-2 focus-visible:ring-blue-500 focus-visible:ring-offset-2 focus-visible:ring-offset-white dark:focus-visible:ring-blue-400 dark:focus-visible:ring-offset-slate-950';

export const fieldBase =
  'w-full rounded-md border border-slate-300 bg-white text-sm text-slate-900 shadow-xs placeholder:text-slate-400 ' +
  'outline-none focus-visible:border-blue-500 focus-visible:ring-2 focus-visible:ring-blue-500/30 ' +
  'disabled:cursor-not-allowed disabled:bg-slate-50 disabled:text-slate-500 ' +
  'aria-[invalid=true]:border-red-500 aria-[invalid=true]:focus-visible:ring-red-500/30 ' +
  'dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:placeholder:text-slate-500 ' +
  'dark:focus-visible:border-blue-400 dark:disabled:bg-slate-800/60 dark:disabled:text-slate-400 ' +
  'dark:aria-[invalid=true]:border-red-400 motion-safe:transition-colors';

export const menuContent =
  'z-50 min-w-48 overflow-hidden rounded-lg border border-slate-200 bg-white p-1 text-sm text-slate-900 shadow-lg ' +
  'dark:border-slate-800 dark:bg-slate-900 dark:text-slate-100 motion-safe:data-[state=open]:animate-fade-in';

export const menuItem =
  'relative flex cursor-pointer select-none items-center gap-2 rounded-md px-2 py-1.5 outline-none ' +
  'data-[highlighted]:bg-slate-100 data-[disabled]:pointer-events-none data-[disabled]:opacity-50 ' +
  'dark:data-[highlighted]:bg-slate-800';
