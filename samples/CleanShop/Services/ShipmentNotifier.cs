using System.Net.Mail;

namespace CleanShop.Services;

// Tells the customer their parcel left the warehouse, through the company's mail relay (STARTTLS on 587).
public class ShipmentNotifier
{
    public void NotifyShipped(string customerEmail, string orderId, string trackingUrl)
    {
        using var message = new MailMessage("orders@shop.example", customerEmail, $"Order {orderId} has shipped", $"Track your parcel: {trackingUrl}");
        using var smtp = new SmtpClient("mail-relay.shop.example", 587) { EnableSsl = true };
        smtp.Send(message);
    }
}
