namespace CleanShop.Models;

public class OrderContactForm
{
    public int Id { get; set; }

    public string CustomerEmail { get; set; } = "";
}
