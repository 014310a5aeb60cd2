package com.acme.im.repo.admin;

import com.acme.im.proto.common.v1.User;
import com.acme.im.proto.repo.v1.AddSensitiveWordsRequest;
import com.acme.im.proto.repo.v1.AddSensitiveWordsResponse;
import com.acme.im.proto.repo.v1.Admin;
import com.acme.im.proto.repo.v1.AdminAction;
import com.acme.im.proto.repo.v1.AdminAuditHit;
import com.acme.im.proto.repo.v1.AdminListAuditHitsRequest;
import com.acme.im.proto.repo.v1.AdminListAuditHitsResponse;
import com.acme.im.proto.repo.v1.AdminListUsersRequest;
import com.acme.im.proto.repo.v1.AdminListUsersResponse;
import com.acme.im.proto.repo.v1.AdminServiceGrpc;
import com.acme.im.proto.repo.v1.AdminUser;
import com.acme.im.proto.repo.v1.GatewayOnline;
import com.acme.im.proto.repo.v1.GetAdminRequest;
import com.acme.im.proto.repo.v1.GetAdminResponse;
import com.acme.im.proto.repo.v1.GetRepoFiguresRequest;
import com.acme.im.proto.repo.v1.GetRepoFiguresResponse;
import com.acme.im.proto.repo.v1.ListAdminActionsRequest;
import com.acme.im.proto.repo.v1.ListAdminActionsResponse;
import com.acme.im.proto.repo.v1.RecordAdminActionRequest;
import com.acme.im.proto.repo.v1.RecordAdminActionResponse;
import com.acme.im.proto.repo.v1.RemoveSensitiveWordRequest;
import com.acme.im.proto.repo.v1.RemoveSensitiveWordResponse;
import com.acme.im.proto.repo.v1.ReviewAuditHitRequest;
import com.acme.im.proto.repo.v1.ReviewAuditHitResponse;
import com.acme.im.proto.repo.v1.SetUserBannedRequest;
import com.acme.im.proto.repo.v1.SetUserBannedResponse;
import com.acme.im.proto.repo.v1.VerifyAdminPasswordRequest;
import com.acme.im.proto.repo.v1.VerifyAdminPasswordResponse;
import com.acme.im.repo.admin.AdminRecords.Action;
import com.acme.im.repo.admin.AdminRecords.ActionPage;
import com.acme.im.repo.admin.AdminRecords.AuditHitPage;
import com.acme.im.repo.admin.AdminRecords.BanResult;
import com.acme.im.repo.admin.AdminRecords.Figures;
import com.acme.im.repo.admin.AdminRecords.UserPage;
import com.acme.im.repo.admin.AdminRecords.WordList;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;

/**
 * AdminService 的 gRPC 端点：只做 protobuf 转换。
 */
@Singleton
public class AdminEndpoint extends AdminServiceGrpc.AdminServiceImplBase {

    private final AdminService admins;

    public AdminEndpoint(AdminService admins) {
        this.admins = admins;
    }

    @Override
    public void verifyAdminPassword(VerifyAdminPasswordRequest request, StreamObserver<VerifyAdminPasswordResponse> observer) {
        AdminRecords.Admin a = admins.verifyPassword(request.getUsername(), request.getPassword());
        observer.onNext(VerifyAdminPasswordResponse.newBuilder().setAdmin(toProto(a)).build());
        observer.onCompleted();
    }

    @Override
    public void getAdmin(GetAdminRequest request, StreamObserver<GetAdminResponse> observer) {
        observer.onNext(GetAdminResponse.newBuilder().setAdmin(toProto(admins.get(request.getAdminId()))).build());
        observer.onCompleted();
    }

    @Override
    public void adminListUsers(AdminListUsersRequest request, StreamObserver<AdminListUsersResponse> observer) {
        UserPage page = admins.listUsers(request.getQuery(), request.getBannedOnly(), request.getAfterId(), request.getLimit());
        AdminListUsersResponse.Builder out = AdminListUsersResponse.newBuilder().setNextAfterId(page.nextAfterId());
        page.users().forEach(u -> out.addUsers(toProto(u)));
        observer.onNext(out.build());
        observer.onCompleted();
    }

    @Override
    public void setUserBanned(SetUserBannedRequest request, StreamObserver<SetUserBannedResponse> observer) {
        BanResult r = admins.setBanned(request.getUserId(), request.getBanned(), request.getAdminId(), request.getReason());
        observer.onNext(SetUserBannedResponse.newBuilder().setUser(toProto(r.user()))
                .addAllRevokedSessionIds(r.revokedSessionIds()).build());
        observer.onCompleted();
    }

    @Override
    public void adminListAuditHits(AdminListAuditHitsRequest request, StreamObserver<AdminListAuditHitsResponse> observer) {
        AuditHitPage page = admins.listAuditHits(request.getStatus(), request.getConversationId(), request.getBeforeId(),
                request.getLimit());
        AdminListAuditHitsResponse.Builder out = AdminListAuditHitsResponse.newBuilder().setNextBeforeId(page.nextBeforeId());
        page.hits().forEach(h -> out.addHits(toProto(h)));
        observer.onNext(out.build());
        observer.onCompleted();
    }

    @Override
    public void reviewAuditHit(ReviewAuditHitRequest request, StreamObserver<ReviewAuditHitResponse> observer) {
        observer.onNext(ReviewAuditHitResponse.newBuilder()
                .setHit(toProto(admins.review(request.getHitId(), request.getVerdict(), request.getAdminId()))).build());
        observer.onCompleted();
    }

    @Override
    public void addSensitiveWords(AddSensitiveWordsRequest request, StreamObserver<AddSensitiveWordsResponse> observer) {
        WordList r = admins.addWords(request.getWordsList(), request.getAdminId());
        observer.onNext(AddSensitiveWordsResponse.newBuilder().addAllAdded(r.words()).setVersion(r.version()).build());
        observer.onCompleted();
    }

    @Override
    public void removeSensitiveWord(RemoveSensitiveWordRequest request, StreamObserver<RemoveSensitiveWordResponse> observer) {
        WordList r = admins.removeWord(request.getWord(), request.getAdminId());
        observer.onNext(RemoveSensitiveWordResponse.newBuilder().setRemoved(!r.words().isEmpty()).setVersion(r.version()).build());
        observer.onCompleted();
    }

    @Override
    public void recordAdminAction(RecordAdminActionRequest request, StreamObserver<RecordAdminActionResponse> observer) {
        AdminAction a = request.getAction();
        Action saved = admins.record(a.getAdminId(), a.getAdminUsername(), a.getAction(), a.getTarget(), a.getDetail());
        observer.onNext(RecordAdminActionResponse.newBuilder().setAction(toProto(saved)).build());
        observer.onCompleted();
    }

    @Override
    public void listAdminActions(ListAdminActionsRequest request, StreamObserver<ListAdminActionsResponse> observer) {
        ActionPage page = admins.listActions(request.getAdminId(), request.getBeforeId(), request.getLimit());
        ListAdminActionsResponse.Builder out = ListAdminActionsResponse.newBuilder().setNextBeforeId(page.nextBeforeId());
        page.actions().forEach(a -> out.addActions(toProto(a)));
        observer.onNext(out.build());
        observer.onCompleted();
    }

    @Override
    public void getRepoFigures(GetRepoFiguresRequest request, StreamObserver<GetRepoFiguresResponse> observer) {
        Figures f = admins.figures();
        GetRepoFiguresResponse.Builder out = GetRepoFiguresResponse.newBuilder()
                .setOnlineUsers(f.onlineUsers()).setMessagesLastMinute(f.messagesLastMinute())
                .setTotalUsers(f.totalUsers()).setBannedUsers(f.bannedUsers()).setMeasuredAt(f.measuredAt());
        f.gateways().forEach((g, n) -> out.addGateways(GatewayOnline.newBuilder().setGatewayId(g).setOnlineUsers(n)));
        observer.onNext(out.build());
        observer.onCompleted();
    }

    static Admin toProto(AdminRecords.Admin a) {
        return Admin.newBuilder().setId(a.id()).setUsername(a.username()).setCreatedAt(a.createdAt()).build();
    }

    static AdminUser toProto(AdminRecords.AdminUser u) {
        return AdminUser.newBuilder()
                .setUser(User.newBuilder().setId(u.user().id()).setUsername(u.user().username())
                        .setNickname(u.user().nickname()).setAvatarUrl(u.user().avatarUrl()).setCreatedAt(u.user().createdAt()))
                .setBanned(u.banned()).setBannedAt(u.bannedAt()).setBannedBy(u.bannedBy()).setBanReason(u.banReason())
                .build();
    }

    static AdminAuditHit toProto(AdminRecords.AuditHit h) {
        return AdminAuditHit.newBuilder().setId(h.id()).setMessageId(h.messageId()).setConversationId(h.conversationId())
                .setSenderId(h.senderId()).addAllWords(h.words()).setAction(h.action()).setCreatedAt(h.createdAt())
                .setEditedAt(h.editedAt()).setReviewVerdict(h.reviewVerdict()).setReviewedAt(h.reviewedAt())
                .setReviewedBy(h.reviewedBy()).build();
    }

    static AdminAction toProto(Action a) {
        return AdminAction.newBuilder().setId(a.id()).setAdminId(a.adminId()).setAdminUsername(a.adminUsername())
                .setAction(a.action()).setTarget(a.target()).setDetail(a.detail()).setCreatedAt(a.createdAt()).build();
    }
}
