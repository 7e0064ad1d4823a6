// The project the mixed day's services run in (the structured-logging trace names carry it).
export const PROJECT = 'saltmarsh-prod-2093';
