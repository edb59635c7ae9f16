using System.Net.Mail;

namespace VulnerableShop.Services;

// Tells the customer their parcel left the warehouse, through the company's mail relay.
public class ShipmentNotifier
{
    public void NotifyShipped(string customerEmail, string orderId, string trackingUrl)
    {
        using var message = new MailMessage("orders@shop.example", customerEmail, $"Order {orderId} has shipped", $"Track your parcel: {trackingUrl}");
        using var smtp = new SmtpClient("mail-relay.shop.example", 25) { EnableSsl = false };
        smtp.Send(message);
    }
}
