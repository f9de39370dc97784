import { Route, Routes } from 'react-router';
import { Layout } from './components/layout.tsx';
import { useI18n } from './i18n/i18n.tsx';
import { AcceptInvitationPage, ResetPasswordPage } from './pages/account-links.tsx';
import { CustomerPage } from './pages/customer.tsx';
import { CustomersPage } from './pages/customers.tsx';
import { DashboardPage } from './pages/dashboard.tsx';
import { InvoiceEditorPage } from './pages/invoice-editor.tsx';
import { InvoicePage } from './pages/invoice.tsx';
import { InvoicesPage } from './pages/invoices.tsx';
import { PoliciesPage } from './pages/policies.tsx';
import { ReportsPage } from './pages/reports.tsx';
import { SettingsPage } from './pages/settings.tsx';
import { WorklistPage } from './pages/worklist.tsx';
import { SessionGate } from './session.tsx';

function NotFound() {
  const { t } = useI18n();
  return <h1>{t('common.notFound')}</h1>;
}

export function App() {
  return (
    <Routes>
      <Route path="accept-invitation" element={<AcceptInvitationPage />} />
      <Route path="reset-password" element={<ResetPasswordPage />} />
      <Route path="*" element={<SignedIn />} />
    </Routes>
  );
}

function SignedIn() {
  return (
    <SessionGate>
      <Routes>
        <Route element={<Layout />}>
          <Route index element={<DashboardPage />} />
          <Route path="worklist" element={<WorklistPage />} />
          <Route path="customers" element={<CustomersPage />} />
          <Route path="customers/:id" element={<CustomerPage />} />
          <Route path="invoices" element={<InvoicesPage />} />
          <Route path="invoices/new" element={<InvoiceEditorPage />} />
          <Route path="invoices/:id" element={<InvoicePage />} />
          <Route path="invoices/:id/edit" element={<InvoiceEditorPage />} />
          <Route path="reports" element={<ReportsPage />} />
          <Route path="policies" element={<PoliciesPage />} />
          <Route path="settings" element={<SettingsPage />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </SessionGate>
  );
}
