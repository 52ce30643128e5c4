import type { Metadata } from "next";
import { AuthHeading } from "@/components/auth/auth-heading";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";

export const metadata: Metadata = { title: "Forgot your password?" };

export default function ForgotPasswordPage() {
  return (
    <div className="flex flex-col gap-6">
      <AuthHeading title="Forgot your password?" description="Enter the email of your account and we will mail you a link to choose a new one." />
      <ForgotPasswordForm />
    </div>
  );
}
