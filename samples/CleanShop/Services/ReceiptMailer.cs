using System.Net.Mail;
using CleanShop.Models;

namespace CleanShop.Services;

public class ReceiptMailer
{
    public void SendReceipt(PaymentReceipt receipt, string to)
    {
        using var message = new MailMessage("shop@example.com", to);
        message.Subject = $"Receipt for order {receipt.OrderId}";
        message.Body = $"We charged {receipt.Amount} to your {receipt.CardBrand} card ending {receipt.Last4}.";
        using var smtp = new SmtpClient("smtp.example.com") { EnableSsl = true };
        smtp.Send(message);
    }
}
