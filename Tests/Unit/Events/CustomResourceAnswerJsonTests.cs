using System.Text;
using System.Text.Json;
using Onboarding.Events;
using Onboarding.Grains.Events;

namespace Onboarding.Tests.Unit.Events;

public sealed class CustomResourceAnswerJsonTests
{
    private static readonly CustomResourceAnswer Answer = new()
    {
        Status = CustomResourceAnswer.Success,
        Reason = "registered",
        PhysicalResourceId = PhysicalResourceIds.For(SampleRequests.Account, SampleRequests.StackId),
        StackId = SampleRequests.StackId,
        RequestId = "5d1e4f7a-0000-4000-8000-000000000001",
        LogicalResourceId = "PartnerRegistration",
        Data = new Dictionary<string, string> { ["RegistrationId"] = "r-1" },
    };

    [Fact]
    public void The_body_has_exactly_CloudFormations_field_names_and_round_trips()
    {
        using var json = JsonDocument.Parse(CustomResourceAnswerJson.Serialize(Answer));
        var root = json.RootElement;

        Assert.Equal(
            ["Status", "Reason", "PhysicalResourceId", "StackId", "RequestId", "LogicalResourceId", "Data"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(Answer.Status, root.GetProperty("Status").GetString());
        Assert.Equal(Answer.Reason, root.GetProperty("Reason").GetString());
        Assert.Equal(Answer.PhysicalResourceId, root.GetProperty("PhysicalResourceId").GetString());
        Assert.Equal(Answer.StackId, root.GetProperty("StackId").GetString());
        Assert.Equal(Answer.RequestId, root.GetProperty("RequestId").GetString());
        Assert.Equal(Answer.LogicalResourceId, root.GetProperty("LogicalResourceId").GetString());
        Assert.Equal("r-1", root.GetProperty("Data").GetProperty("RegistrationId").GetString());
    }

    [Fact]
    public void Absent_Reason_and_Data_are_omitted_and_NoEcho_is_never_written()
    {
        var body = Encoding.UTF8.GetString(CustomResourceAnswerJson.Serialize(Answer with { Reason = null, Data = null }));

        Assert.DoesNotContain("Reason", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Data", body, StringComparison.Ordinal);
        Assert.DoesNotContain("NoEcho", body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_10KB_reason_is_cut_to_fit_4096_bytes_with_an_ellipsis()
    {
        var reason = "denied: " + new string('r', 10 * 1024);
        var body = CustomResourceAnswerJson.Serialize(Answer with { Status = CustomResourceAnswer.Failed, Reason = reason });

        Assert.InRange(body.Length, CustomResourceAnswerJson.MaxBodyBytes - 8, CustomResourceAnswerJson.MaxBodyBytes);
        using var json = JsonDocument.Parse(body);
        var written = json.RootElement.GetProperty("Reason").GetString()!;
        Assert.EndsWith(CustomResourceAnswerJson.Ellipsis, written, StringComparison.Ordinal);
        Assert.StartsWith(written[..^1], reason, StringComparison.Ordinal);
        Assert.Equal("r-1", json.RootElement.GetProperty("Data").GetProperty("RegistrationId").GetString());
    }

    [Theory]
    [InlineData("€")]      // 3 bytes in UTF-8
    [InlineData("😀")]     // 4 bytes, a surrogate pair in UTF-16
    [InlineData("é")]      // 2 bytes
    public void Multi_byte_characters_at_the_cut_stay_whole(string character)
    {
        var reason = string.Concat(Enumerable.Repeat(character, 10 * 1024));
        var body = CustomResourceAnswerJson.Serialize(Answer with { Status = CustomResourceAnswer.Failed, Reason = reason });

        Assert.True(body.Length <= CustomResourceAnswerJson.MaxBodyBytes);
        var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(body);
        using var json = JsonDocument.Parse(text);
        var written = json.RootElement.GetProperty("Reason").GetString()!;
        var kept = written[..^CustomResourceAnswerJson.Ellipsis.Length];
        Assert.Equal(0, kept.Length % character.Length);
        Assert.Equal(string.Concat(Enumerable.Repeat(character, kept.Length / character.Length)), kept);
        // Characters of the basic plane go out as raw UTF-8; the encoder escapes astral ones (emoji) as \uXXXX pairs.
        if (character.Length == 1) Assert.DoesNotContain("\\u", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Oversized_Data_is_dropped_and_the_reason_says_so()
    {
        var data = Enumerable.Range(0, 200).ToDictionary(i => $"Key{i}", i => new string('d', 50));
        var body = CustomResourceAnswerJson.Serialize(Answer with { Data = data });

        Assert.True(body.Length <= CustomResourceAnswerJson.MaxBodyBytes);
        using var json = JsonDocument.Parse(body);
        Assert.False(json.RootElement.TryGetProperty("Data", out _));
        Assert.StartsWith(CustomResourceAnswerJson.DataDroppedNote, json.RootElement.GetProperty("Reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(CustomResourceAnswer.Success, json.RootElement.GetProperty("Status").GetString());
    }

    [Fact]
    public void A_PhysicalResourceId_over_1KB_is_refused()
    {
        Assert.Throws<ArgumentException>(() => CustomResourceAnswerJson.Serialize(Answer with { PhysicalResourceId = new string('p', 1025) }));
        Assert.NotEmpty(CustomResourceAnswerJson.Serialize(Answer with { PhysicalResourceId = new string('p', 1024) }));
    }

    [Fact]
    public void FAILED_needs_a_reason_and_Status_must_be_known()
    {
        Assert.Throws<ArgumentException>(() => CustomResourceAnswerJson.Serialize(Answer with { Status = CustomResourceAnswer.Failed, Reason = null }));
        Assert.Throws<ArgumentException>(() => CustomResourceAnswerJson.Serialize(Answer with { Status = "success" }));
    }

    [Fact]
    public void A_lone_surrogate_in_the_reason_becomes_a_replacement_character()
    {
        var body = CustomResourceAnswerJson.Serialize(Answer with { Reason = "bad \ud800 text" });
        using var json = JsonDocument.Parse(body);
        Assert.Equal("bad \ufffd text", json.RootElement.GetProperty("Reason").GetString());
    }

    [Fact]
    public void Physical_ids_are_stable_distinct_per_stack_and_small()
    {
        var otherStack = SampleRequests.StackId.Replace("0f1e2d3c", "1f1e2d3c", StringComparison.Ordinal);

        var id = PhysicalResourceIds.For(SampleRequests.Account, SampleRequests.StackId);

        Assert.Equal(id, PhysicalResourceIds.For(SampleRequests.Account, SampleRequests.StackId));
        Assert.NotEqual(id, PhysicalResourceIds.For(SampleRequests.Account, otherStack));
        Assert.NotEqual(id, PhysicalResourceIds.For(SampleRequests.OtherAccount, SampleRequests.StackId));
        Assert.Matches("^onboarding-123456789012-[0-9a-f]{16}$", id);
        Assert.True(Encoding.UTF8.GetByteCount(id) <= CustomResourceAnswerJson.MaxPhysicalResourceIdBytes);
        Assert.Throws<ArgumentException>(() => PhysicalResourceIds.For("12345", SampleRequests.StackId));
        Assert.Throws<ArgumentException>(() => PhysicalResourceIds.For(SampleRequests.Account, ""));
    }
}
