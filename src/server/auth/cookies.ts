export const SESSION_COOKIE = 'buzzi_session';
export const ACTIVE_COMPANY_COOKIE = 'buzzi_company';
