using System.Net.Mail;
using VulnerableShop.Models;

namespace VulnerableShop.Services;

public class ReceiptMailer
{
    public void SendReceipt(PaymentReceipt receipt, string to)
    {
        using var message = new MailMessage("shop@example.com", to);
        message.Subject = $"Receipt for order {receipt.OrderId}";
        message.Body = $"We charged {receipt.Amount} to card {receipt.CardNumber}.";
        using var smtp = new SmtpClient("smtp.example.com");
        smtp.Send(message);
    }
}
