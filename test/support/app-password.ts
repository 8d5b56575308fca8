// The application login's password in the test cluster: set once by test/support/global-setup.ts,
// used by every test database's app pool (test/support/database.ts).
export const TEST_APP_PASSWORD = 'lien-thong-app-test';
