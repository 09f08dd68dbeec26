export function Logo() {
  return (
    <span className="flex items-center gap-2 font-semibold tracking-tight text-slate-900 dark:text-slate-50">
      <svg viewBox="0 0 32 32" className="size-7" aria-hidden="true">
        <rect width="32" height="32" rx="8" className="fill-blue-600" />
        <path
          d="M10 9h7.5a4.5 4.5 0 0 1 2.9 7.9A4.75 4.75 0 0 1 18 25h-8z"
          fill="none"
          stroke="#fff"
          strokeWidth="3"
          strokeLinejoin="round"
        />
        <path d="M10 16.5h8" stroke="#fff" strokeWidth="3" />
      </svg>
      <span className="text-base">Buzzi</span>
    </span>
  );
}
