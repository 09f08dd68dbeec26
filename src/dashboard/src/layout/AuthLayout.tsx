import type { ReactNode } from 'react';
import { Logo } from './Logo';
import { ThemeToggle } from './ThemeToggle';

/** Centered card for the signed-out pages (login, invite). */
export function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className="relative flex min-h-dvh flex-col items-center justify-center bg-slate-50 px-4 py-12 dark:bg-slate-950">
      <div className="absolute top-3 right-3">
        <ThemeToggle />
      </div>
      <div className="mb-8">
        <Logo />
      </div>
      <main className="w-full max-w-sm">
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8 dark:border-slate-800 dark:bg-slate-900">
          {children}
        </div>
      </main>
    </div>
  );
}
