	.file	"hacker.c"
	.text
	.p2align 4
	.globl	p01
	.type	p01, @function
p01:
.LFB0:
	.cfi_startproc
	leal	-1(%rdi), %eax
	andl	%edi, %eax
	ret
	.cfi_endproc
.LFE0:
	.size	p01, .-p01
	.p2align 4
	.globl	p02
	.type	p02, @function
p02:
.LFB1:
	.cfi_startproc
	leal	1(%rdi), %eax
	andl	%edi, %eax
	ret
	.cfi_endproc
.LFE1:
	.size	p02, .-p02
	.p2align 4
	.globl	p03
	.type	p03, @function
p03:
.LFB2:
	.cfi_startproc
	movl	%edi, %eax
	negl	%eax
	andl	%edi, %eax
	ret
	.cfi_endproc
.LFE2:
	.size	p03, .-p03
	.p2align 4
	.globl	p04
	.type	p04, @function
p04:
.LFB3:
	.cfi_startproc
	leal	-1(%rdi), %eax
	xorl	%edi, %eax
	ret
	.cfi_endproc
.LFE3:
	.size	p04, .-p04
	.p2align 4
	.globl	p05
	.type	p05, @function
p05:
.LFB4:
	.cfi_startproc
	leal	-1(%rdi), %eax
	orl	%edi, %eax
	ret
	.cfi_endproc
.LFE4:
	.size	p05, .-p05
	.p2align 4
	.globl	p06
	.type	p06, @function
p06:
.LFB5:
	.cfi_startproc
	leal	1(%rdi), %eax
	orl	%edi, %eax
	ret
	.cfi_endproc
.LFE5:
	.size	p06, .-p06
	.p2align 4
	.globl	p07
	.type	p07, @function
p07:
.LFB6:
	.cfi_startproc
	movl	%edi, %eax
	addl	$1, %edi
	notl	%eax
	andl	%edi, %eax
	ret
	.cfi_endproc
.LFE6:
	.size	p07, .-p07
	.p2align 4
	.globl	p08
	.type	p08, @function
p08:
.LFB7:
	.cfi_startproc
	movl	%edi, %eax
	subl	$1, %edi
	notl	%eax
	andl	%edi, %eax
	ret
	.cfi_endproc
.LFE7:
	.size	p08, .-p08
	.p2align 4
	.globl	p09
	.type	p09, @function
p09:
.LFB8:
	.cfi_startproc
	movl	%edi, %edx
	sarl	$31, %edx
	xorl	%edx, %edi
	movl	%edi, %eax
	subl	%edx, %eax
	ret
	.cfi_endproc
.LFE8:
	.size	p09, .-p09
	.p2align 4
	.globl	p10
	.type	p10, @function
p10:
.LFB9:
	.cfi_startproc
	movl	%edi, %eax
	andl	%esi, %edi
	xorl	%esi, %eax
	cmpl	%eax, %edi
	setnb	%al
	movzbl	%al, %eax
	ret
	.cfi_endproc
.LFE9:
	.size	p10, .-p10
	.p2align 4
	.globl	p11
	.type	p11, @function
p11:
.LFB10:
	.cfi_startproc
	movl	%esi, %eax
	notl	%eax
	andl	%edi, %eax
	cmpl	%eax, %esi
	setb	%al
	movzbl	%al, %eax
	ret
	.cfi_endproc
.LFE10:
	.size	p11, .-p11
	.p2align 4
	.globl	p12
	.type	p12, @function
p12:
.LFB11:
	.cfi_startproc
	movl	%edi, %eax
	notl	%eax
	andl	%esi, %eax
	cmpl	%eax, %edi
	setnb	%al
	movzbl	%al, %eax
	ret
	.cfi_endproc
.LFE11:
	.size	p12, .-p12
	.p2align 4
	.globl	p13
	.type	p13, @function
p13:
.LFB12:
	.cfi_startproc
	movl	%edi, %eax
	sarl	$31, %edi
	negl	%eax
	shrl	$31, %eax
	orl	%edi, %eax
	ret
	.cfi_endproc
.LFE12:
	.size	p13, .-p13
	.p2align 4
	.globl	p14
	.type	p14, @function
p14:
.LFB13:
	.cfi_startproc
	movl	%edi, %eax
	andl	%esi, %edi
	xorl	%esi, %eax
	shrl	%eax
	addl	%edi, %eax
	ret
	.cfi_endproc
.LFE13:
	.size	p14, .-p14
	.p2align 4
	.globl	p15
	.type	p15, @function
p15:
.LFB14:
	.cfi_startproc
	movl	%edi, %eax
	xorl	%esi, %edi
	orl	%esi, %eax
	shrl	%edi
	subl	%edi, %eax
	ret
	.cfi_endproc
.LFE14:
	.size	p15, .-p15
	.p2align 4
	.globl	p16
	.type	p16, @function
p16:
.LFB15:
	.cfi_startproc
	cmpl	%esi, %edi
	movl	%esi, %eax
	cmovnb	%edi, %eax
	ret
	.cfi_endproc
.LFE15:
	.size	p16, .-p16
	.p2align 4
	.globl	p17
	.type	p17, @function
p17:
.LFB16:
	.cfi_startproc
	leal	-1(%rdi), %eax
	orl	%edi, %eax
	addl	$1, %eax
	andl	%edi, %eax
	ret
	.cfi_endproc
.LFE16:
	.size	p17, .-p17
	.p2align 4
	.globl	p18
	.type	p18, @function
p18:
.LFB17:
	.cfi_startproc
	leal	-1(%rdi), %eax
	testl	%edi, %eax
	sete	%dl
	xorl	%eax, %eax
	testl	%edi, %edi
	setne	%al
	andl	%edx, %eax
	ret
	.cfi_endproc
.LFE17:
	.size	p18, .-p18
	.p2align 4
	.globl	p19
	.type	p19, @function
p19:
.LFB18:
	.cfi_startproc
	movl	%esi, %ecx
	movl	%edx, %eax
	movl	%edi, %edx
	shrl	%cl, %edx
	xorl	%edi, %edx
	andl	%eax, %edx
	movl	%edx, %eax
	xorl	%edx, %edi
	sall	%cl, %eax
	xorl	%edi, %eax
	ret
	.cfi_endproc
.LFE18:
	.size	p19, .-p19
	.p2align 4
	.globl	p20
	.type	p20, @function
p20:
.LFB19:
	.cfi_startproc
	movl	%edi, %ecx
	negl	%ecx
	andl	%edi, %ecx
	je	.L21
	leal	(%rdi,%rcx), %esi
	movl	%edi, %eax
	xorl	%edx, %edx
	xorl	%esi, %eax
	shrl	$2, %eax
	divl	%ecx
	orl	%esi, %eax
	movl	%eax, %ecx
.L21:
	movl	%ecx, %eax
	ret
	.cfi_endproc
.LFE19:
	.size	p20, .-p20
	.p2align 4
	.globl	p21
	.type	p21, @function
p21:
.LFB20:
	.cfi_startproc
	xorl	%eax, %eax
	cmpl	%ecx, %edi
	movl	%ecx, %r8d
	sete	%al
	xorl	%esi, %r8d
	negl	%eax
	andl	%r8d, %eax
	cmpl	%esi, %edi
	sete	%sil
	xorl	%ecx, %edx
	movzbl	%sil, %esi
	negl	%esi
	andl	%edx, %esi
	xorl	%esi, %eax
	xorl	%ecx, %eax
	ret
	.cfi_endproc
.LFE20:
	.size	p21, .-p21
	.p2align 4
	.globl	p22
	.type	p22, @function
p22:
.LFB21:
	.cfi_startproc
	movl	%edi, %edx
	shrl	%edx
	xorl	%edi, %edx
	movl	%edx, %eax
	shrl	$2, %eax
	xorl	%edx, %eax
	andl	$286331153, %eax
	imull	$286331153, %eax, %eax
	shrl	$28, %eax
	andl	$1, %eax
	ret
	.cfi_endproc
.LFE21:
	.size	p22, .-p22
	.p2align 4
	.globl	p23
	.type	p23, @function
p23:
.LFB22:
	.cfi_startproc
	movl	%edi, %eax
	shrl	%eax
	andl	$1431655765, %eax
	subl	%eax, %edi
	movl	%edi, %edx
	shrl	$2, %edi
	andl	$858993459, %edx
	andl	$858993459, %edi
	addl	%edi, %edx
	movl	%edx, %eax
	shrl	$4, %eax
	addl	%edx, %eax
	andl	$252645135, %eax
	movl	%eax, %edx
	shrl	$8, %edx
	addl	%eax, %edx
	movl	%edx, %eax
	shrl	$16, %eax
	addl	%edx, %eax
	andl	$63, %eax
	ret
	.cfi_endproc
.LFE22:
	.size	p23, .-p23
	.p2align 4
	.globl	p24
	.type	p24, @function
p24:
.LFB23:
	.cfi_startproc
	subl	$1, %edi
	movl	%edi, %eax
	shrl	%eax
	orl	%edi, %eax
	movl	%eax, %edi
	shrl	$2, %edi
	orl	%eax, %edi
	movl	%edi, %eax
	shrl	$4, %eax
	orl	%edi, %eax
	movl	%eax, %edx
	shrl	$8, %edx
	orl	%eax, %edx
	movl	%edx, %eax
	shrl	$16, %eax
	orl	%edx, %eax
	addl	$1, %eax
	ret
	.cfi_endproc
.LFE23:
	.size	p24, .-p24
	.p2align 4
	.globl	p25
	.type	p25, @function
p25:
.LFB24:
	.cfi_startproc
	movzwl	%di, %ecx
	movzwl	%si, %eax
	shrl	$16, %edi
	movl	%ecx, %edx
	shrl	$16, %esi
	imull	%eax, %edx
	imull	%edi, %eax
	imull	%esi, %ecx
	shrl	$16, %edx
	imull	%esi, %edi
	addl	%eax, %edx
	movzwl	%dx, %eax
	shrl	$16, %edx
	addl	%ecx, %eax
	addl	%edx, %edi
	shrl	$16, %eax
	addl	%edi, %eax
	ret
	.cfi_endproc
.LFE24:
	.size	p25, .-p25
	.ident	"GCC: (Debian 12.2.0-14+deb12u1) 12.2.0"
	.section	.note.GNU-stack,"",@progbits
